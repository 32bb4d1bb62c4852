import ArgumentParser
import Foundation
import Ledger

/// `alvh hedge …`: hedge layers: add, reduce, close.
struct HedgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hedge",
        abstract: "Record VIX hedge layers: add, reduce, close.",
        subcommands: [HedgeAddCommand.self, HedgeReduceCommand.self, HedgeCloseCommand.self])
}

struct HedgeAddCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Buy a hedge layer protecting open condors or a whole portfolio.",
        discussion: """
        SPEC: 'VX YYYY-MM' (VIX future, ×1000) | 'VIX YYYY-MM-DD C|P STRIKE' (VIX option, ×100) | VXX | UVXY | VIXY (shares). \
        One instrument: --instrument, --quantity and --price. Several legs on one underlying (a VIX call spread, calls plus \
        futures): --leg 'SPEC=±QUANTITY@PRICE' for each (e.g. --leg 'VIX 2026-01-21 C 22=+2@1.15' --leg 'VIX 2026-01-21 C 30=-2@0.35'); \
        the layer's units are the common divisor of the quantities, its price the net debit per unit. --portfolio must name an existing portfolio.
        """)

    @OptionGroup var global: GlobalOptions
    @Option(name: Field.protects.long, parsing: .unconditionalSingleValue, help: ArgumentHelp("Condors protected (one portfolio).", valueName: "ID[,ID...]"))
    var protects: [String] = []
    @Option(name: Field.portfolio.long, parsing: .unconditional, help: ArgumentHelp("Protect a whole existing portfolio.", valueName: "NAME"),
            transform: Field.portfolio.read) var portfolio: Checked<String>?
    @Option(name: Field.instrument.long, parsing: .unconditional, help: ArgumentHelp("What is bought (one instrument).", valueName: "SPEC"),
            transform: Field.instrument.read) var instrument: Checked<HedgeInstrument>?
    @Option(name: Field.quantity.long, parsing: .unconditional, help: ArgumentHelp("Contracts or shares bought (≥ 1).", valueName: "Q"),
            transform: Field.quantity.read) var quantity: Checked<Int>?
    @Option(name: Field.price.long, parsing: .unconditional, help: ArgumentHelp("Fill per unit.", valueName: "PRICE"), transform: Field.price.read)
    var price: Checked<Decimal>?
    @Option(name: Field.leg.long, parsing: .unconditionalSingleValue, help: ArgumentHelp("One leg of a multi-leg layer (repeatable).", valueName: "SPEC=±Q@PRICE"),
            transform: Field.leg.read) var leg: [Checked<HedgeLegFill>] = []
    @Option(name: Field.fees.long, parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD"), transform: Field.fees.read)
    var fees: Checked<Decimal>?
    @Option(name: Field.tier.long, parsing: .unconditional, help: ArgumentHelp("ALVH layer tier.", valueName: "N"), transform: Field.tier.read)
    var tier: Checked<Int>?
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @Option(name: Field.id.long, parsing: .unconditional, help: ArgumentHelp("The layer's id (default derived from the command id).", valueName: "UUID"),
            transform: Field.id.read) var id: Checked<UUID>?
    @Option(name: Field.reason.long, parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT"), transform: Field.reason.read)
    var reason: Checked<String>?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    /// The fields in `AddHedgeLayer.parse`'s order: what is protected first.
    func ledgerCommand() throws -> LedgerCommand {
        let target = try AddHedgeLayer.target(protects: protects, portfolio: portfolio?.get())
        let (legs, units) = try AddHedgeLayer.holding(instrument: instrument?.get(), quantity: quantity?.get(), price: price?.get(),
                                                      legs: leg.map { try $0.get() })
        return .addHedgeLayer(AddHedgeLayer(
            protects: target.protects, portfolio: target.portfolio, legs: legs, quantity: units, fees: try fees?.get() ?? 0, tier: try tier?.get(),
            at: try at?.get(), layerID: try id?.get(), reason: try reason?.get(), signals: try signals.signals()))
    }
}

struct HedgeReduceCommand: RecordingCommand {
    static let configuration = CommandConfiguration(
        commandName: "reduce", abstract: "Sell part of a hedge layer (less than it holds).",
        discussion: "A multi-leg layer is reduced by units (every leg in its ratio) at its net price per unit.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The layer's id.", valueName: "LAYER"), transform: Field.layer.readArgument) var layer: Checked<UUID>
    @Option(name: Field.quantity.long, parsing: .unconditional, help: ArgumentHelp("Contracts, shares or units sold.", valueName: "Q"), transform: Field.quantity.read)
    var quantity: Checked<Int>
    @Option(name: Field.price.long, parsing: .unconditional, help: ArgumentHelp("Fill per unit.", valueName: "PRICE"), transform: Field.price.read)
    var price: Checked<Decimal>
    @Option(name: Field.fees.long, parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD"), transform: Field.fees.read)
    var fees: Checked<Decimal>?
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @Option(name: Field.reason.long, parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT"), transform: Field.reason.read)
    var reason: Checked<String>?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func ledgerCommand() throws -> LedgerCommand {
        .reduceHedgeLayer(ReduceHedgeLayer(layerID: try layer.get(), quantity: try quantity.get(), price: try price.get(), fees: try fees?.get() ?? 0,
                                           at: try at?.get(), reason: try reason?.get(), signals: try signals.signals()))
    }
}

struct HedgeCloseCommand: RecordingCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Sell what a hedge layer still holds.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The layer's id.", valueName: "LAYER"), transform: Field.layer.readArgument) var layer: Checked<UUID>
    @Option(name: Field.price.long, parsing: .unconditional, help: ArgumentHelp("Fill per unit.", valueName: "PRICE"), transform: Field.price.read)
    var price: Checked<Decimal>
    @Option(name: Field.fees.long, parsing: .unconditional, help: ArgumentHelp("Fees in dollars (default 0).", valueName: "USD"), transform: Field.fees.read)
    var fees: Checked<Decimal>?
    @Option(name: Field.at.long, parsing: .unconditional, help: ArgumentHelp("When (default now).", valueName: "ISO8601"), transform: Field.at.read)
    var at: Checked<Date>?
    @Option(name: Field.reason.long, parsing: .unconditional, help: ArgumentHelp("Why, verbatim.", valueName: "TEXT"), transform: Field.reason.read)
    var reason: Checked<String>?
    @OptionGroup var signals: SignalOptions
    @OptionGroup var recording: RecordingOptions

    func ledgerCommand() throws -> LedgerCommand {
        .closeHedgeLayer(CloseHedgeLayer(layerID: try layer.get(), price: try price.get(), fees: try fees?.get() ?? 0, at: try at?.get(),
                                         reason: try reason?.get(), signals: try signals.signals()))
    }
}
