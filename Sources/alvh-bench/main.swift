import Foundation
// Subcommands (store, finance, replay) are registered in Bench.swift.
Bench.main()
