/// `alvh [--database URL] [--json] <command> ...`: ArgumentParser reads options on the leaf command
/// only, so the global options written before the command are moved behind it, where every leaf
/// command's `GlobalOptions` group parses them.
enum GlobalArguments {
    static func hoist(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--json" || argument.hasPrefix("--database=") {
                leading.append(argument)
                index += 1
            } else if argument == "--database", index + 1 < arguments.count {
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
