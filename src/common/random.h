#pragma once
// Randomness behind an interface, so that jitter and generated names are deterministic in tests.
#include <cstdint>
#include <random>

namespace sagetrain {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Uniform in [0, bound). REQUIRES: bound > 0.
  virtual std::uint64_t Uniform(std::uint64_t bound) = 0;
};

// Seeded from std::random_device. Not thread-safe.
class SystemRandom final : public RandomSource {
 public:
  SystemRandom() : engine_(std::random_device{}()) {}
  std::uint64_t Uniform(std::uint64_t bound) override {
    return std::uniform_int_distribution<std::uint64_t>(0, bound - 1)(engine_);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace sagetrain
