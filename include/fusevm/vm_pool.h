// VMPool: a bounded, thread-safe pool of VMs for one chunk, for servers and worker threads that
// run the same program many times.
//
//   VMPool pool(chunk, /*max_vms=*/8, limits, [](VM& vm) { vm.register_builtin(1, my_builtin); });
//   // on any thread:
//   VMPool::Lease lease = pool.acquire();   // waits while all 8 are in use
//   VMResult r = lease.run();               // the result is the thread's own (deep-copied)
//   // the VM goes back to the pool when the lease ends
//
// VMs are created on demand, up to `max_vms`, each set up once by the setup callback (handlers,
// hosts, output). A VM returned to the pool is reset() for its next user, which keeps its
// handlers and the memory of its stack, frames and slots, and gets the pool's limits back.
//
// Threading: the pool's methods may be called from any thread. A leased VM belongs to the lease's
// thread. Values inside a VM share heap objects with it (value.h), so a value taken out of the VM
// other than through Lease::run() must be deep_copy()'d before the lease ends.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "fusevm/chunk.h"
#include "fusevm/vm.h"

namespace fusevm {

class VMPool {
 public:
  /// Runs once on every VM the pool creates, before its first lease.
  using Setup = std::function<void(VM& vm)>;

  /// A pool of at most `max_vms` VMs (at least one) for `chunk`.
  VMPool(Chunk chunk, size_t max_vms, VMLimits limits = {}, Setup setup = {});
  /// Every lease must have ended before the pool is destroyed.
  ~VMPool();
  VMPool(const VMPool&) = delete;
  VMPool& operator=(const VMPool&) = delete;

  /// Exclusive use of one VM of the pool until the lease is destroyed or release()d.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();

    VM& vm() noexcept { return *vm_; }
    VM* operator->() noexcept { return vm_.get(); }
    /// Runs the VM; the result's value is a deep copy, so it may outlive the lease.
    VMResult run();
    /// Returns the VM to the pool now (the lease is empty afterwards).
    void release();
    explicit operator bool() const noexcept { return vm_ != nullptr; }

   private:
    friend class VMPool;
    Lease(VMPool* pool, std::unique_ptr<VM> vm) noexcept : pool_(pool), vm_(std::move(vm)) {}
    VMPool* pool_ = nullptr;
    std::unique_ptr<VM> vm_;
  };

  /// A VM, waiting while all `max_vms` are leased.
  Lease acquire();
  /// A VM if one is free or may still be created, without waiting.
  std::optional<Lease> try_acquire();
  /// A VM, waiting at most `timeout`.
  std::optional<Lease> acquire_for(std::chrono::milliseconds timeout);

  size_t max_vms() const noexcept { return max_vms_; }
  /// VMs created so far (never more than max_vms()).
  size_t created() const;
  /// VMs in the pool, not leased.
  size_t idle() const;

 private:
  // Takes an idle VM or the right to create one; the caller holds the lock.
  std::unique_ptr<VM> take_locked(bool& create);
  Lease finish_acquire(std::unique_ptr<VM> vm, bool create);
  void give_back(std::unique_ptr<VM> vm) noexcept;

  const Chunk chunk_;
  const size_t max_vms_;
  const VMLimits limits_;
  const Setup setup_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<VM>> idle_;
  size_t created_ = 0;
};

}  // namespace fusevm
