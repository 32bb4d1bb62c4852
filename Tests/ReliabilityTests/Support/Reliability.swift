import Testing

/// The reliability scenarios (issue 8: faults and load). They start writer processes, servers and
/// kills of their own, so they run one after another rather than competing for the same CPUs.
@Suite("Reliability", .serialized)
enum Reliability {}
