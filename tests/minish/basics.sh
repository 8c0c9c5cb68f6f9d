# Variables, quoting and parameter expansion.
greeting=hello
name="big world"
echo $greeting "$name" '$name'
echo "${greeting}, ${name}!"
echo ${unset:-default} "${greeting:-unused}" "${empty:+alt}" "${greeting:+alt}"
echo ${created:=made} $created
path=/usr/local/lib/libfoo.so.1
echo ${path#*/} ${path##*/} ${path%.*} ${path%%.*}
echo ${#path} ${#unset}
words="a   b	c"
for w in $words; do echo "[$w]"; done
echo "[$words]"
echo a\ b "c\"d" 'e"f'
empty=
echo "<$empty>" x$empty
x=1; y=2; echo $x$y "$x-$y"
export EXPORTED=visible
sh -c 'echo child sees $EXPORTED'
unset x
echo "x=[${x:-gone}]"
: this does nothing ${side:=effect}
echo $side
