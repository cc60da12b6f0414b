// Anchors the resource library; the data itself is compiled in by qt_add_resources.
namespace atlas {
int resourcesAnchor() { return 0; }
} // namespace atlas
