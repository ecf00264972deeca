# Writes a GraphDef of one Placeholder x and n Neg nodes of x that nothing
# consumes, so that each is a result: awk -v n=3000 -f many-results.awk
BEGIN {
  print "node { name: \"x\" op: \"Placeholder\" attr { key: \"dtype\" value { type: DT_FLOAT } } attr { key: \"shape\" value { shape { dim { size: 2 } } } } }"
  for (i = 0; i < n; i++)
    print "node { name: \"n" i "\" op: \"Neg\" input: \"x\" attr { key: \"T\" value { type: DT_FLOAT } } }"
}
