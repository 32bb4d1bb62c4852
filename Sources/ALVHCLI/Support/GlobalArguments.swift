/// `alvh [--database URL] [--json] [--retry-for D] [--read-from S] <command> ...`: ArgumentParser reads
/// options on the leaf command only, so the global options written before the command are moved
/// behind it, where every leaf command's `GlobalOptions` group parses them.
enum GlobalArguments {
    /// The global options that take a value.
    static let valued = ["--database", "--retry-for", "--read-from"]

    static func hoist(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--json" || valued.contains(where: { argument.hasPrefix($0 + "=") }) {
                leading.append(argument)
                index += 1
            } else if valued.contains(argument), index + 1 < arguments.count {
                leading.append(contentsOf: arguments[index...index + 1])
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        var rest = Array(arguments[index...])
        if let terminator = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: leading, at: terminator)
        } else {
            rest.append(contentsOf: leading)
        }
        return rest
    }
}
