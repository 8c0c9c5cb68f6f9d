BEGIN { exit 2.9 }
