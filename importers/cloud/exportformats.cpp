#include "exportformat.h"

#include "awsconfigformat.h"
#include "azureformat.h"
#include "csvformat.h"
#include "gcpassetsformat.h"
#include "terraformformat.h"

namespace atlas {

const std::vector<const ExportFormat *> &exportFormats()
{
    static const AwsConfigFormat aws;
    static const GcpAssetsFormat gcp;
    static const AzureFormat azure;
    static const TerraformFormat terraform;
    static const CsvFormat csv;
    static const std::vector<const ExportFormat *> formats{&aws, &gcp, &azure, &terraform, &csv};
    return formats;
}

const ExportFormat *exportFormat(const QString &name)
{
    for (const ExportFormat *f : exportFormats())
        if (f->name() == name)
            return f;
    return nullptr;
}

QStringList formatNames()
{
    QStringList names{QStringLiteral("inventory")};
    for (const ExportFormat *f : exportFormats())
        names.append(f->name());
    return names;
}

} // namespace atlas
