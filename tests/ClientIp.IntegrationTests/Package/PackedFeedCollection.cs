namespace ClientIp.IntegrationTests.Package;

/// <summary>
/// The test classes that use the packed package share one pack (about 20 s): they run one after another, in this
/// collection, beside the proxy chain tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed ClientIp.Analyzers";
}
