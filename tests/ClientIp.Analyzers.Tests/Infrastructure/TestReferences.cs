using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClientIp.Analyzers.Tests.Infrastructure;

/// <summary>
/// The references every test compilation gets: .NET and ASP.NET Core from the SDK's targeting packs (the list is
/// written at build time by tests/Shared/ReferencePaths.targets) and, on request, the ClientIp resolver assembly.
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(LoadFramework);

    /// <summary>.NET + ASP.NET Core reference assemblies.</summary>
    public static ImmutableArray<MetadataReference> AspNetCore => Framework.Value;

    /// <summary>.NET only (a console app or class library without ASP.NET Core): the same list without the ASP.NET Core targeting pack.</summary>
    public static ImmutableArray<MetadataReference> NetCoreOnly { get; } = LoadNetCoreOnly();

    /// <summary>The resolver library the code fixes rewrite to.</summary>
    public static MetadataReference ClientIpResolver { get; } =
        MetadataReference.CreateFromFile(typeof(global::ClientIp.ClientIpOptions).Assembly.Location);

    /// <summary>
    /// Reference assemblies with no package to download: the framework comes from <see cref="AspNetCore"/>.
    /// </summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    private static ImmutableArray<MetadataReference> LoadNetCoreOnly()
    {
        var netCore = AspNetCore
            .Where(r => r is PortableExecutableReference { FilePath: { } path } &&
                        path.IndexOf("Microsoft.AspNetCore.App.Ref", StringComparison.OrdinalIgnoreCase) < 0)
            .ToImmutableArray();
        if (netCore.Length == AspNetCore.Length)
        {
            throw new InvalidOperationException("Could not tell the ASP.NET Core reference assemblies from the .NET ones.");
        }

        return netCore;
    }

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        var listFile = Path.Combine(AppContext.BaseDirectory, "framework-references.txt");
        if (!File.Exists(listFile))
        {
            throw new InvalidOperationException(
                $"{listFile} is missing: it is written when the test project builds (tests/Shared/ReferencePaths.targets).");
        }

        var paths = File.ReadAllLines(listFile).Where(p => p.Length > 0).ToArray();
        if (!paths.Any(p => Path.GetFileName(p) == "Microsoft.AspNetCore.Http.Abstractions.dll"))
        {
            throw new InvalidOperationException($"{listFile} lists no ASP.NET Core reference assemblies.");
        }

        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }
}
