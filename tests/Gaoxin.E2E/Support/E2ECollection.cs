namespace Gaoxin.E2E.Support;

/// <summary>All browser tests share one Chromium (see <see cref="BrowserFixture"/>) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
