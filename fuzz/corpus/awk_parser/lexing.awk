BEGIN { x = a / b / c; y = /=/; z = $NF-1; w = $i++; v = "a\tb\101\." }
