import Experiments

/// Prints, one warning line each, the rows of a store that a command leaves out because they
/// cannot be read.
func printUnreadableRows(of snapshot: StoreSnapshot, store: String) {
    for row in snapshot.unreadable { printError("warning: \(store): \(row)") }
}
