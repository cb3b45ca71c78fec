#pragma once
// A structure-aware generator of Terraform configuration for the
// `terraform` fuzz target (its LLVMFuzzerCustomMutator, tests/fuzz/
// fuzz_terraform.cpp): byte-level mutation rarely turns a seed into a
// deeply nested, still valid expression, and the costly shapes of issue 23
// (values that double through locals, nested dynamic blocks, templates
// inside templates) are exactly those. Everything it writes parses; what it
// builds is chosen by a seed, so an input is reproduced from its bytes
// alone (the mutator hands libFuzzer the text, never the seed).
//
// It writes: a chain of locals, each an expression over the ones before it
// (function calls, templates and heredocs with interpolations and
// directives, for-expressions, conditionals, operators, tuples, objects,
// splats, indexes); a variable with a default; resources with
// `count` or `for_each` over a local, `dynamic` blocks nested a few levels,
// and attributes reading the chain. Header-only and free of libFuzzer, so
// the normal build compiles it too (tests/unit/fuzz_generator_test.cpp).
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace clause::fuzz {

// splitmix64: small, fast and the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, n), n > 0.
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(next() % n); }
  bool chance(uint32_t one_in) { return below(one_in) == 0; }

 private:
  uint64_t state_;
};

class HclGenerator {
 public:
  // `max_depth`: how deep one expression nests at most.
  HclGenerator(uint64_t seed, unsigned max_depth = 6) : rng_(seed), max_depth_(max_depth) {}

  // A whole configuration of `locals` locals and a few resources.
  std::string configuration(unsigned locals = 8) {
    std::string out = "variable \"v\" {\n  default = " + literal() + "\n}\n";
    out += locals_block(locals);
    const unsigned resources = 1 + rng_.below(3);
    for (unsigned r = 0; r < resources; ++r) out += resource(r);
    return out;
  }

  // One `locals` block whose locals l<first>… read those before them (and
  // any local below `first`, which the text it is added to may hold).
  std::string locals_block(unsigned count, unsigned first = 0) {
    std::string out = "locals {\n";
    for (unsigned i = 0; i < count; ++i) {
      known_locals_ = first + i;
      const std::string name = "  l" + std::to_string(first + i) + " = ";
      // A heredoc only as a whole value: its closing line ends the line.
      out += rng_.chance(6) ? name + "<<EOT\n" + template_body(1) + "\nEOT\n" : name + expression(0) + "\n";
    }
    known_locals_ = first + count;
    return out + "}\n";
  }

  // One expression, nested at most max_depth - depth further.
  std::string expression(unsigned depth) {
    if (depth >= max_depth_ || rng_.chance(4)) return leaf();
    const unsigned d = depth + 1;
    switch (rng_.below(12)) {
      case 0: return call(d);
      case 1: return call(d);
      case 2: return "\"" + template_body(d) + "\"";
      case 3: return "[for x in " + collection(d) + " : " + expression_over("x", d) + "]";
      case 4:
        return "{for k, v in " + collection(d) + " : k => " + expression_over("v", d) +
               (rng_.chance(3) ? "..." : "") + "}";
      case 5: return expression(d) + " ? " + expression(d) + " : " + expression(d);
      case 6: return "[" + list(d) + "]";
      case 7: return "{ a = " + expression(d) + ", b = " + expression(d) + " }";
      case 8: return "(" + expression(d) + ")";
      case 9: return "(" + collection(d) + ")[" + std::to_string(rng_.below(3)) + "]";
      case 10: return expression(d) + " " + binary_operator() + " " + expression(d);
      default: return "(" + collection(d) + ")[*]";
    }
  }

 private:
  Rng rng_;
  unsigned max_depth_;
  unsigned known_locals_ = 0;

  std::string literal() {
    switch (rng_.below(6)) {
      case 0: return std::to_string(rng_.below(1000));
      case 1: return rng_.chance(2) ? "true" : "false";
      case 2: return "null";
      case 3: return "[\"a\", \"b\", \"c\"]";
      case 4: return "{ k = \"v\", n = 2 }";
      default: return "\"s" + std::to_string(rng_.below(100)) + "\"";
    }
  }

  std::string leaf() {
    if (known_locals_ > 0 && rng_.chance(2)) return "local.l" + std::to_string(rng_.below(known_locals_));
    if (rng_.chance(5)) return "var.v";
    return literal();
  }

  // Something that is likely a collection.
  std::string collection(unsigned d) {
    switch (rng_.below(5)) {
      case 0: return "range(" + std::to_string(1 + rng_.below(20)) + ")";
      case 1: return "[" + list(d) + "]";
      case 2: return "{ x = " + expression(d) + ", y = " + expression(d) + " }";
      default: return expression(d);
    }
  }

  std::string list(unsigned d) {
    std::string out;
    const unsigned n = rng_.below(4);
    for (unsigned i = 0; i < n; ++i) out += (i ? ", " : "") + expression(d);
    return out;
  }

  // An expression that may read the iteration variable `name`.
  std::string expression_over(const std::string &name, unsigned d) {
    return rng_.chance(2) ? name : call_with(name, d);
  }

  std::string call(unsigned d) { return call_with(expression(d), d); }

  std::string call_with(const std::string &first, unsigned d) {
    static constexpr std::string_view kOne[] = {"length",     "upper",    "lower",    "tolist",
                                                "toset",      "flatten",  "keys",     "values",
                                                "jsonencode", "tostring", "distinct", "compact"};
    static constexpr std::string_view kTwo[] = {"concat", "merge", "coalesce", "setunion", "zipmap",
                                                "join",   "split", "format",   "lookup",   "contains"};
    switch (rng_.below(4)) {
      case 0: return std::string(kOne[rng_.below(std::size(kOne))]) + "(" + first + ")";
      case 1: return "replace(" + first + ", \"0\", " + expression(d) + ")";
      default:
        return std::string(kTwo[rng_.below(std::size(kTwo))]) + "(" + first + ", " + expression(d) + ")";
    }
  }

  // The inside of a quoted template (or of a heredoc): text, and
  // interpolations and directives around further expressions.
  std::string template_body(unsigned d) {
    std::string out;
    const unsigned parts = 1 + rng_.below(3);
    for (unsigned i = 0; i < parts; ++i) {
      switch (rng_.below(4)) {
        case 0: out += "t" + std::to_string(rng_.below(10)) + " "; break;
        case 1: out += "%{ if " + expression(d) + " }y%{ else }n%{ endif }"; break;
        case 2: out += "%{ for i in " + collection(d) + " }${i}%{ endfor }"; break;
        default: out += "${" + expression(d) + "}"; break;
      }
    }
    return out;
  }

  std::string binary_operator() {
    static constexpr std::string_view kOperators[] = {"==", "!=", "&&", "||", "+", "*", "<"};
    return std::string(kOperators[rng_.below(std::size(kOperators))]);
  }

  std::string resource(unsigned r) {
    std::string out = "resource \"aws_security_group\" \"r" + std::to_string(r) + "\" {\n";
    if (rng_.chance(2)) {
      out += "  count = length(" + collection(1) + ")\n";
    } else if (rng_.chance(2)) {
      out += "  for_each = toset([\"a\", \"b\"])\n";
    }
    out += "  name = " + expression(1) + "\n";
    out += "  tags = { t = " + expression(1) + " }\n";
    out += dynamic_block(1 + rng_.below(3), "  ");
    return out + "}\n";
  }

  // `levels` dynamic blocks nested in one another.
  std::string dynamic_block(unsigned levels, const std::string &indent) {
    if (levels == 0) return indent + "x = " + expression(2) + "\n";
    const std::string name = "d" + std::to_string(levels);
    return indent + "dynamic \"" + name + "\" {\n" + indent + "  for_each = " + collection(2) + "\n" +
           indent + "  content {\n" + indent + "    v = " + name + ".value\n" +
           dynamic_block(levels - 1, indent + "    ") + indent + "  }\n" + indent + "}\n";
  }
};

}  // namespace clause::fuzz
