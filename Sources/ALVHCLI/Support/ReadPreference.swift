/// `--read-from primary|standby`: which server a command that only reads may use. Recording
/// commands (and every other command that writes) always use the primary.
enum ReadPreference: String, CaseIterable {
    /// The primary only (`target_session_attrs=primary`).
    case primary
    /// A hot standby when one answers, else the primary (`target_session_attrs=prefer-standby`); what
    /// a standby returns may be behind the primary.
    case standby

    /// The flag's value, nil when it is not given; a usage error (exit 2) for anything else.
    static func parse(_ text: String?) throws -> ReadPreference? {
        guard let text else { return nil }
        guard let preference = ReadPreference(rawValue: text.lowercased()) else {
            throw CLIFailure.invalid("--read-from", "must be primary or standby (got \(text.isEmpty ? "''" : "'\(text)'"))")
        }
        return preference
    }

    /// For commands that write: `--read-from standby` is refused (exit 2), anything else is checked.
    static func requireWriting(_ global: GlobalOptions, command: String = "this command") throws {
        if try parse(global.readFrom) == .standby {
            throw CLIFailure.invalid("--read-from", "standby is only for commands that read; \(command) writes, so it always goes to the primary")
        }
    }

    /// The libpq `target_session_attrs` value that asks for this server.
    var targetSessionAttributes: String {
        switch self {
        case .primary: "primary"
        case .standby: "prefer-standby"
        }
    }
}
