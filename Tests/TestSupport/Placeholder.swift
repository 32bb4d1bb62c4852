// Placeholder; delete when the first real file lands.
enum _TestSupportPlaceholder {}
