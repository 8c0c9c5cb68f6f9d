// string_append: append "abc" N times to one string (+= on a local; V8 builds a rope and
// flattens it when the length is read), print its length.
function main() {
  const N = 8000000;
  let s = "";
  for (let i = 0; i < N; i++) {
    s += "abc";
  }
  console.log(String(s.length));
}

main();
