using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ClientIp.Analyzers.Reads;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ClientIp.Analyzers.Tests.Reads;

/// <summary>
/// Runs CIP0001 and CIP0002/CIP0003 together (one analyzer hosts them), so each case also proves the other rules stay
/// quiet (e.g. no CIP0001 on the fallback of the "header, else peer" idiom).
/// </summary>
public sealed class ReadAnalyzersTest : CSharpAnalyzerTest<ClientIpReadAnalyzer, DefaultVerifier>
{
    public ReadAnalyzersTest(bool aspNetCore = true) =>
        TestSetup.Configure(this, withResolver: aspNetCore, withAspNetCore: aspNetCore);

    /// <summary>The analyzer of this suite.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        ImmutableArray.Create<DiagnosticAnalyzer>(new ClientIpReadAnalyzer());

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
}
