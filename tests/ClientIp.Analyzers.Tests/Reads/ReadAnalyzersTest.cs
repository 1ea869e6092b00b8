using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ClientIp.Analyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ClientIp.Analyzers.Tests.Reads;

/// <summary>
/// Runs CIP0001 and CIP0002/CIP0003 together (the analyzer hosts every rule; CIP0004/CIP0005 are deselected by id), so
/// each case also proves the other read rules stay quiet (e.g. no CIP0001 on the fallback of the "header, else peer" idiom).
/// </summary>
public sealed class ReadAnalyzersTest : CSharpAnalyzerTest<ClientIpAnalyzer, DefaultVerifier>
{
    public ReadAnalyzersTest(bool aspNetCore = true)
    {
        TestSetup.Configure(this, withResolver: aspNetCore, withAspNetCore: aspNetCore);
        DisabledDiagnostics.AddRange(new[] { DiagnosticIds.ForwardedHeadersTrustEveryone, DiagnosticIds.ForwardedHeadersRegisteredTooLate });
    }

    /// <summary>The analyzer of this suite.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        ImmutableArray.Create<DiagnosticAnalyzer>(new ClientIpAnalyzer());

    /// <summary>The ids this suite is about: CIP0001-CIP0003.</summary>
    public static bool IsReadRule(string id) =>
        id is DiagnosticIds.RemoteAddressUsedAsClient or DiagnosticIds.UnguardedClientIpHeaderRead or DiagnosticIds.LeftmostForwardedForEntry;

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;
}
