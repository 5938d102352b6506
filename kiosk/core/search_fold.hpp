#pragma once
// Folding names for staff search, so "Müller", "Mueller" and "muller" find the same person and
// "Strauß" matches "strauss". Applied alike to stored names and to the typed query.

#include <string>
#include <string_view>

namespace einlass::core {

std::string fold_for_search(std::string_view utf8);

}  // namespace einlass::core
