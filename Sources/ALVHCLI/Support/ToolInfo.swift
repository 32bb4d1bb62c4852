/// Facts about this build of the tool, recorded in every event's metadata.
public enum ToolInfo {
    public static let version = "0.1.0"
}
