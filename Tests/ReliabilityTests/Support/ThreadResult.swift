import Foundation

/// The result of a block run on its own thread (for work that blocks on the database while the
/// test acts on it from the calling thread).
final class ThreadResult<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error>?

    fileprivate func finish(_ result: Result<T, Error>) {
        self.result = result
        done.signal()
    }

    /// Waits (up to `timeout` seconds) and returns the value or rethrows the error.
    func value(timeout: Double = 60) throws -> T {
        guard done.wait(timeout: .now() + timeout) == .success else {
            throw RunningProcess.ChildFailure(description: "the thread did not finish within \(timeout) s")
        }
        done.signal()
        return try result!.get()
    }

    /// Waits and returns the error it threw, or nil when it succeeded.
    func error(timeout: Double = 60) -> Error? {
        do {
            _ = try value(timeout: timeout)
            return nil
        } catch {
            return error
        }
    }
}

extension Thread {
    static func detachNewThreadWithResult<T>(_ body: @escaping () throws -> T) -> ThreadResult<T> {
        let result = ThreadResult<T>()
        let box = UncheckedBox(body)
        Thread.detachNewThread { result.finish(Result { try box.value() }) }
        return result
    }
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
