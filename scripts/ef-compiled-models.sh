#!/usr/bin/env bash
# Regenerates the compiled EF Core models of the store, one per provider, into src/Gaoxin.Data/CompiledModels/{Sqlite,Postgres}.
# Run it after every change to the model (GaoxinDb.OnModelCreating, an entity, a migration): the test
# CompiledModelSpec fails until the compiled models match the model EF builds from the code.
#
# The old folders are removed first, so that a model that no longer compiles against the changed entities never blocks the
# build the tool needs, and a removed entity leaves no file behind. Running it twice gives the same files.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/src/Gaoxin.Data"
cd "$root"
dotnet tool restore >/dev/null
rm -rf "$data/CompiledModels/Sqlite" "$data/CompiledModels/Postgres"
for provider in Sqlite Postgres; do
  echo "compiled model: ${provider}GaoxinDb → src/Gaoxin.Data/CompiledModels/$provider" >&2
  dotnet ef dbcontext optimize --project "$data" --startup-project "$data" \
    --context "${provider}GaoxinDb" \
    --output-dir "CompiledModels/$provider" \
    --namespace "Gaoxin.Data.CompiledModels.$provider" \
    --no-color >/dev/null
  # The tool writes a random model id on every run: derive it from the generated code instead, so that regenerating an
  # unchanged model changes no file (and two branches that regenerate the same model do not conflict).
  folder="$data/CompiledModels/$provider"
  builder="$folder/${provider}GaoxinDbModelBuilder.cs"
  hash="$(cd "$folder" && LC_ALL=C ls | LC_ALL=C sort | while read -r f; do sed -E 's/modelId: new Guid\("[0-9a-f-]+"\)/modelId/' "$f"; done | sha256sum | cut -c1-32)"
  id="${hash:0:8}-${hash:8:4}-${hash:12:4}-${hash:16:4}-${hash:20:12}"
  sed -i -E "s/modelId: new Guid\(\"[0-9a-f-]+\"\)/modelId: new Guid(\"$id\")/" "$builder"
  grep -q "modelId: new Guid(\"$id\")" "$builder" || { echo "could not set the model id in $builder" >&2; exit 1; }
done
echo "compiled models regenerated; run: dotnet test tests/Gaoxin.Tests --filter CompiledModelSpec" >&2
