using Microsoft.CodeAnalysis;

namespace ClientIp.CodeFixes.Reads;

/// <summary>A <c>ConnectionInfo</c> or header-dictionary parameter turned into the HttpContext (to be written).</summary>
internal sealed class ParameterPromotion
{
    private readonly ReadRewriteContext context;

    public ParameterPromotion(ReadRewriteContext context) => this.context = context;

    public RewritePlan? Plan(SyntaxNode read) => context is null || read is null ? null : null;
}
