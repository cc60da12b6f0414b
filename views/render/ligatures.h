// One font setting shared by everything the reports and the map draw as text: ligatures off,
// so that text extracted from a PDF, found by a viewer's search or copied out of it reads
// "findings", not "\uFB01ndings". The paged report, its charts and the map painter all use it.
#pragma once

#include <QFont>

namespace atlas {

// Letter spacing other than 100 % turns ligatures off in Qt's shaper (Qt 6.4 has no
// QFont::setFeature). An absolute spacing does not: it is applied after shaping. 0.1 % wider
// is invisible.
inline void turnOffLigatures(QFont &font) { font.setLetterSpacing(QFont::PercentageSpacing, 100.1); }

} // namespace atlas
