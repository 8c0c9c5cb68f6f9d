=== about
Paragraph mode with FS = "\n": one field per line (address book).
=== program
BEGIN { RS = ""; FS = "\n" }
{ print $1 " | " $NF }
=== stdin
John Smith
12 Main St
Springfield

Jane Doe
5 Oak Ave
Shelbyville
=== expected
John Smith | Springfield
Jane Doe | Shelbyville
=== peers
gawk-posix mawk original-awk
