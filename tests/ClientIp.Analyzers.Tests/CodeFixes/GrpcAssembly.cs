using System;
using System.IO;
using System.Linq;
using ClientIp.Analyzers.Tests.Cases;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ClientIp.Analyzers.Tests.CodeFixes;

/// <summary>
/// The gRPC stand-in (<see cref="CaseSources.GrpcStub"/>) compiled into an assembly, the way an app sees gRPC: its
/// methods come from a referenced package, not from the code being fixed, so the fixes treat them as the framework's.
/// </summary>
internal static class GrpcAssembly
{
    private static readonly Lazy<MetadataReference> Compiled = new(Compile);

    public static MetadataReference Reference => Compiled.Value;

    private static MetadataReference Compile()
    {
        var compilation = CSharpCompilation.Create(
            "Grpc.Core.Api",
            new[] { CSharpSyntaxTree.ParseText(CaseSources.GrpcStub, new CSharpParseOptions(LanguageVersion.Latest)) },
            TestReferences.AspNetCore,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("The gRPC stand-in does not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
