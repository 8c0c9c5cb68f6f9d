BEGIN { print match("abc", /x*/), RSTART, RLENGTH; print match("xxa", /x*/), RLENGTH; print match("", /^$/), RSTART, RLENGTH }
