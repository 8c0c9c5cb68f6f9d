BEGIN { OFS = "-" }
{ $6 = "six"; print; print NF }
