// VMPool: idle VMs on a stack under a mutex; VMs are created and reset outside the lock.
#include "fusevm/vm_pool.h"

#include <algorithm>

namespace fusevm {

VMPool::VMPool(Chunk chunk, size_t max_vms, VMLimits limits, Setup setup)
    : chunk_(chunk.deep_copy()), max_vms_(std::max<size_t>(max_vms, 1)), limits_(limits),
      setup_(std::move(setup)) {
  idle_.reserve(max_vms_);
}

VMPool::~VMPool() = default;

std::unique_ptr<VM> VMPool::take_locked(bool& create) {
  create = false;
  if (!idle_.empty()) {
    std::unique_ptr<VM> vm = std::move(idle_.back());
    idle_.pop_back();
    return vm;
  }
  if (created_ < max_vms_) {
    ++created_;  // reserved now, built after the lock is released
    create = true;
  }
  return nullptr;
}

VMPool::Lease VMPool::finish_acquire(std::unique_ptr<VM> vm, bool create) {
  if (create) {
    try {
      // A shallow copy would share the constants' reference counts (not thread-safe) between
      // the VMs; a deep copy only reads chunk_, which nothing writes after construction.
      vm = std::make_unique<VM>(chunk_.deep_copy(), limits_);
      if (setup_) setup_(*vm);
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      --created_;
      returned_.notify_one();
      throw;
    }
  }
  return Lease(this, std::move(vm));
}

VMPool::Lease VMPool::acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  bool create = false;
  std::unique_ptr<VM> vm;
  returned_.wait(lock, [&] {
    vm = take_locked(create);
    return vm != nullptr || create;
  });
  lock.unlock();
  return finish_acquire(std::move(vm), create);
}

std::optional<VMPool::Lease> VMPool::try_acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  bool create = false;
  std::unique_ptr<VM> vm = take_locked(create);
  lock.unlock();
  if (vm == nullptr && !create) return std::nullopt;
  return finish_acquire(std::move(vm), create);
}

std::optional<VMPool::Lease> VMPool::acquire_for(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  bool create = false;
  std::unique_ptr<VM> vm;
  const bool got = returned_.wait_for(lock, timeout, [&] {
    vm = take_locked(create);
    return vm != nullptr || create;
  });
  lock.unlock();
  if (!got) return std::nullopt;
  return finish_acquire(std::move(vm), create);
}

void VMPool::give_back(std::unique_ptr<VM> vm) noexcept {
  bool keep = true;
  try {
    vm->set_limits(limits_);
    vm->set_quickening(true);
    vm->reset();
  } catch (...) {
    keep = false;  // a VM that cannot be reset is dropped; another is created when needed
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (keep) idle_.push_back(std::move(vm));
    else --created_;
  }
  returned_.notify_one();
}

size_t VMPool::created() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return created_;
}

size_t VMPool::idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return idle_.size();
}

// ── Lease ──

VMPool::Lease::Lease(Lease&& other) noexcept : pool_(other.pool_), vm_(std::move(other.vm_)) {
  other.pool_ = nullptr;
}

VMPool::Lease& VMPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = other.pool_;
    vm_ = std::move(other.vm_);
    other.pool_ = nullptr;
  }
  return *this;
}

VMPool::Lease::~Lease() { release(); }

void VMPool::Lease::release() {
  if (vm_ != nullptr && pool_ != nullptr) pool_->give_back(std::move(vm_));
  vm_.reset();
  pool_ = nullptr;
}

VMResult VMPool::Lease::run() {
  VMResult r = vm_->run();
  if (r.is_ok()) return VMResult::ok(r.value().deep_copy());
  return r;
}

}  // namespace fusevm
