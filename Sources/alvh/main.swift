import ALVHCLI
import Foundation

exit(ALVHMain.run(Array(CommandLine.arguments.dropFirst())))
