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
/// Runs CIP0001 and CIP0002/CIP0003 together, so each case also proves the other analyzer stays quiet
/// (e.g. no CIP0001 on the fallback of the "header, else peer" idiom).
/// </summary>
public sealed class ReadAnalyzersTest : CSharpAnalyzerTest<RemoteAddressAsClientAnalyzer, DefaultVerifier>
{
    public ReadAnalyzersTest(bool aspNetCore = true) =>
        TestSetup.Configure(this, withResolver: aspNetCore, withAspNetCore: aspNetCore);

    /// <summary>Both analyzers of this suite.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        ImmutableArray.Create<DiagnosticAnalyzer>(new RemoteAddressAsClientAnalyzer(), new ClientIpHeaderReadAnalyzer());

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
}
