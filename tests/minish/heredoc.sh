# Here-documents: plain, quoted delimiter, with expansions.
who=world
cat <<EOF
hello $who
  indented line
EOF
cat <<'EOF'
literal $who
EOF
tr a-z A-Z <<END
shout $who
END
wc -l <<EOF
1
2
3
EOF
cat <<EOF > heredoc.txt
into a file
EOF
cat heredoc.txt
