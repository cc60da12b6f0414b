// Adds one entity (a site, dataset, workload, flow, access entry or waiver) as an undo command.
#pragma once

#include "editcommand.h"

namespace atlas {

class AddEntityCommand final : public EditCommand
{
public:
    AddEntityCommand(Document *document, EntityValue value);
};

} // namespace atlas
