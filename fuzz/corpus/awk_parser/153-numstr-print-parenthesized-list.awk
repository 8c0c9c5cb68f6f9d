BEGIN { print("x", "y"); print ("a")("b") }
