// PLACEHOLDER — being written.
