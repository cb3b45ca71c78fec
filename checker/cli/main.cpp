#include <cstdio>

int main() {
  std::puts("clause");
  return 0;
}
