BEGIN { print("a", "b") > "pr.txt"; close("pr.txt"); getline line < "pr.txt"; print line }
