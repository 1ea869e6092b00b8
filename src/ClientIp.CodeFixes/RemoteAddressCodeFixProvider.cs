using System.Collections.Immutable;
using System.Composition;
using ClientIp.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ClientIp.CodeFixes;

/// <summary>
/// CIP0001: replaces a read of the connection's remote address with <c>GetClientIpAddress()</c> on the owning
/// HttpContext, which resolves the client through trusted proxies.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoteAddressCodeFixProvider)), Shared]
public sealed class RemoteAddressCodeFixProvider : ReadFixProvider
{
    /// <summary>The stable equivalence key of this fix (Fix All groups by it).</summary>
    public const string EquivalenceKey = "ClientIp.UseGetClientIpAddress.RemoteAddress";

    /// <summary>The title shown on the lightbulb.</summary>
    public const string Title = "Use HttpContext.GetClientIpAddress()";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.RemoteAddressUsedAsClient);

    /// <summary>Creates the provider.</summary>
    public RemoteAddressCodeFixProvider()
        : base(Title, EquivalenceKey)
    {
    }

    private protected override RewritePlan? Plan(HeaderReadRewrite rewrite, SyntaxNode node) => rewrite.PlanRemoteRead(node);
}
