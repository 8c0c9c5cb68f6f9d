=== about
Assigning to ENVIRON changes the array (not checked for children).
=== program
BEGIN { ENVIRON["X_LOCAL"] = "v"; print ENVIRON["X_LOCAL"]; print ("FUSEVM_TEST_VAR" in ENVIRON) }
=== expected
v
1
=== peers
gawk-posix mawk original-awk
