=== about
!seen[$0]++ prints each distinct line once, in first-seen order.
=== inline
=== program
!seen[$0]++
=== stdin
apple
banana
apple
cherry
banana
apple
=== expected
apple
banana
cherry
=== peers
gawk-posix mawk original-awk
