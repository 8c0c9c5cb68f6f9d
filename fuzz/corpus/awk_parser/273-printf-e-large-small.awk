BEGIN { printf "%e %g %e %g\n", 1e300, 1e300, 1e-300, 1.5e-300 }
