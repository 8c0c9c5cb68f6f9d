// Runs every conformance vector and judges it by the rules of tests/data/conformance/README.md:
// a vector listed in deviations.json by its requirement there; one listed in our own
// fusevm-deviations.json (deviations the original's list misses, docs/conformance.md) by the
// requirement there; every other one must give
// the original's status, typed value (floats by bit pattern, hashes in any order), printed result,
// stdout, and error text. Prints each failure with what differed, then `N passed, N failed`.
//
// Usage: fusevm_conformance [VECTORS_DIR] [--verbose]   (exit status 1 if any vector failed)
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fusevm/formats.h"
#include "fusevm/vm.h"

namespace {

using nlohmann::json;
using namespace fusevm;

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Typed comparison of two values in the vectors' JSON shape: floats by bit pattern (the
// strings "NaN", "inf", "-inf" stand for the non-finite ones), objects as maps.
bool same_json(const json& a, const json& b) {
  if (a.is_number_float() || b.is_number_float()) {
    if (!a.is_number() || !b.is_number()) return false;
    const double x = a.get<double>(), y = b.get<double>();
    uint64_t bx, by;
    std::memcpy(&bx, &x, 8);
    std::memcpy(&by, &y, 8);
    return bx == by && a.is_number_float() == b.is_number_float();
  }
  if (a.type() != b.type()) {
    // Integers may be stored signed or unsigned by the parser.
    if (a.is_number_integer() && b.is_number_integer()) return a == b;
    return false;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      auto other = b.find(it.key());
      if (other == b.end() || !same_json(*it, *other)) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!same_json(a[i], b[i])) return false;
    return true;
  }
  return a == b;
}

struct Outcome {
  std::string status;  // ok, halted, error
  std::string result;  // to_str of the value
  json value;
  std::string error;
  std::string stdout_text;
};

Outcome run_vector(const Chunk& chunk, bool quicken) {
  Outcome out;
  VM vm(chunk);
  vm.set_quickening(quicken);
  vm.set_output([&out](std::string_view text) { out.stdout_text += text; });
  vm.set_input([]() -> std::optional<std::string> { return std::nullopt; });  // stdin=/dev/null
  VMResult r = vm.run();
  if (r.is_ok()) {
    out.status = "ok";
    out.result = r.value().to_str();
    auto text = value_to_json(r.value(), ValueJsonStyle::Report);
    out.value = text.ok() ? json::parse(*text) : json("unrepresentable");
  } else if (r.is_halted()) {
    out.status = "halted";
  } else {
    out.status = "error";
    out.error = r.error();
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir = argc > 1 && argv[1][0] != '-' ? argv[1] : FUSEVM_VECTORS_DIR;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) verbose = verbose || std::strcmp(argv[i], "--verbose") == 0;
  const json listed = json::parse(read_file(dir.parent_path() / "deviations.json"));
  const json unlisted = json::parse(read_file(FUSEVM_OWN_DEVIATIONS));

  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());

  size_t passed = 0, failed = 0, by_deviation = 0, by_section = 0, covered_elsewhere = 0;
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    const json vec = json::parse(read_file(file));
    std::string problem;
    auto chunk = chunk_from_json_document(read_file(file));
    if (!chunk.ok()) {
      problem = "does not load: " + chunk.message();
    } else {
      const Outcome got = run_vector(*chunk, true);
      // Quickening is invisible: the plain interpreter must give exactly the same outcome.
      const Outcome plain = run_vector(*chunk, false);
      if (plain.status != got.status || plain.result != got.result || plain.value != got.value ||
          plain.error != got.error || plain.stdout_text != got.stdout_text) {
        ++failed;
        std::cout << "FAIL " << name << ": quickened and plain runs differ (" << got.status << " "
                  << got.result << got.error << " vs " << plain.status << " " << plain.result
                  << plain.error << ")\n";
        continue;
      }
      json require;
      if (listed.contains(name)) {
        require = listed[name]["require"];
      } else if (unlisted.contains(name)) {
        require = unlisted[name]["require"];
        ++by_section;
      }
      if (require.is_string()) {
        // "see section": the deviation's own tests judge it (tests/interp_deviations_test.cpp).
        ++covered_elsewhere;
        if (verbose) std::cout << "  " << name << ": deviation, covered by its section's tests\n";
        ++passed;
        continue;
      }
      if (require.is_object()) {
        if (listed.contains(name)) ++by_deviation;
        if (got.status != require["status"]) {
          problem = "status " + got.status + ", the deviation requires " + require["status"].get<std::string>() +
                    (got.error.empty() ? "" : " (" + got.error + ")");
        } else if (require.contains("error_contains") &&
                   got.error.find(require["error_contains"].get<std::string>()) == std::string::npos) {
          problem = "error \"" + got.error + "\" lacks \"" + require["error_contains"].get<std::string>() + "\"";
        } else if (require.contains("result") && got.result != require["result"]) {
          problem = "result \"" + got.result + "\", the deviation requires \"" +
                    require["result"].get<std::string>() + "\"";
        }
      } else {
        const std::string want = vec["status"];
        if (got.status != want) {
          problem = "status " + got.status + " (want " + want + ")" + (got.error.empty() ? "" : ": " + got.error);
        } else if (want == "ok" && !same_json(got.value, vec["value"])) {
          problem = "value " + got.value.dump() + " (want " + vec["value"].dump() + ")";
        } else if (want == "ok" && got.result != vec["result"].get<std::string>()) {
          problem = "result \"" + got.result + "\" (want \"" + vec["result"].get<std::string>() + "\")";
        } else if (want == "error" && got.error.find(vec["error"].get<std::string>()) == std::string::npos) {
          problem = "error \"" + got.error + "\" (want it to contain \"" + vec["error"].get<std::string>() + "\")";
        } else if (vec.contains("stdout") && got.stdout_text != vec["stdout"].get<std::string>()) {
          problem = "stdout " + json(got.stdout_text).dump() + " (want " + vec["stdout"].dump() + ")";
        }
      }
    }
    if (problem.empty()) {
      ++passed;
      if (verbose) std::cout << "  " << name << ": ok\n";
    } else {
      ++failed;
      std::cout << "FAIL " << name << ": " << problem << "\n";
    }
  }
  std::cout << passed << " passed, " << failed << " failed (" << files.size() << " vectors; "
            << by_deviation << " judged by deviations.json, " << by_section
            << " by fusevm-deviations.json, " << covered_elsewhere
            << " deviations covered by their own tests)\n";
  return failed == 0 ? 0 : 1;
}
