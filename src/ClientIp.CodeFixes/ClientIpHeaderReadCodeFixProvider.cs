using System.Collections.Immutable;
using System.Composition;
using ClientIp.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ClientIp.CodeFixes;

/// <summary>
/// CIP0002 and CIP0003: replaces the whole derivation of an address from a client-IP header (the read, its
/// <c>Split(',')[0]</c>, <c>Trim()</c>, <c>IPAddress.Parse</c>, and the fallback to the peer address) with
/// <c>GetClientIpAddress()</c>, keeping the kind of value the code used (text or <c>IPAddress</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ClientIpHeaderReadCodeFixProvider)), Shared]
public sealed class ClientIpHeaderReadCodeFixProvider : ReadFixProvider
{
    /// <summary>The stable equivalence key of this fix (Fix All groups by it).</summary>
    public const string EquivalenceKey = "ClientIp.UseGetClientIpAddress.HeaderRead";

    /// <summary>The title shown on the lightbulb.</summary>
    public const string Title = "Resolve the client address through trusted proxies (GetClientIpAddress)";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.UnguardedClientIpHeaderRead, DiagnosticIds.LeftmostForwardedForEntry);

    /// <summary>Creates the provider.</summary>
    public ClientIpHeaderReadCodeFixProvider()
        : base(Title, EquivalenceKey)
    {
    }

    private protected override RewritePlan? Plan(HeaderReadRewrite rewrite, SyntaxNode node) => rewrite.Plan(node);
}
