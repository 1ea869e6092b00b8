using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// The edits one read fix makes, all on nodes of the document the fix was planned on: replacements and removals.
/// Locals that the edits may leave unused are collected so <see cref="UnusedLocalRemover"/> can remove the ones the
/// header read needed. Planned when the fix is offered, applied when it is invoked.
/// </summary>
internal sealed class RewritePlan
{
    public List<KeyValuePair<SyntaxNode, SyntaxNode>> Replacements { get; } = new();

    public List<SyntaxNode> Removals { get; } = new();

    public HashSet<ILocalSymbol> CandidateLocals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Types the edits name (an added <c>HttpContext</c> parameter), whose namespace is imported if need be.</summary>
    public HashSet<INamedTypeSymbol> Imports { get; } = new(SymbolEqualityComparer.Default);

    public RewritePlan Replace(SyntaxNode target, SyntaxNode replacement)
    {
        Replacements.Add(new KeyValuePair<SyntaxNode, SyntaxNode>(target, replacement.WithTriviaFrom(target)));
        return this;
    }

    public RewritePlan Remove(SyntaxNode target)
    {
        Removals.Add(target);
        return this;
    }

    /// <summary>A copy to apply, so applying (a preview, then the fix) never changes the plan kept by the lightbulb.</summary>
    public RewritePlan Copy()
    {
        var copy = new RewritePlan();
        copy.Replacements.AddRange(Replacements);
        copy.Removals.AddRange(Removals);
        copy.CandidateLocals.UnionWith(CandidateLocals);
        copy.Imports.UnionWith(Imports);
        return copy;
    }

    /// <summary>Every node this plan rewrites or deletes.</summary>
    public IEnumerable<SyntaxNode> Targets
    {
        get
        {
            foreach (var replacement in Replacements)
            {
                yield return replacement.Key;
            }

            foreach (var removal in Removals)
            {
                yield return removal;
            }
        }
    }
}

/// <summary>
/// A read fix as decided when it is offered: the edits, which request the resolver is called on, and which
/// headers the replaced code trusted (in the order it tried them), so the fix can keep what the code meant.
/// </summary>
internal sealed class PlannedReadFix
{
    public PlannedReadFix(RewritePlan edits, RequestKind kind, IReadOnlyList<string> headers, ReadFixShape shape = ReadFixShape.Address)
    {
        Edits = edits;
        Kind = kind;
        Headers = headers;
        Shape = shape;
    }

    public RewritePlan Edits { get; }

    public RequestKind Kind { get; }

    /// <summary>
    /// The client-IP headers the replaced code read, first the one it trusted first (the resolver must read that one);
    /// empty for a read of the peer address.
    /// </summary>
    public IReadOnlyList<string> Headers { get; }

    public ReadFixShape Shape { get; }

    /// <summary>Whether the resolver is called through its class, another method of its name being in scope.</summary>
    public bool Qualified { get; set; }
}

/// <summary>What the rewritten code asks the resolver for.</summary>
internal enum ReadFixShape
{
    /// <summary><c>GetClientIpAddress()</c>, as an address or as text.</summary>
    Address,

    /// <summary><c>GetClientIpPartitionKey()</c> for a rate limiter's partition.</summary>
    PartitionKey,

    /// <summary>A <c>[FromHeader]</c> binding replaced by the resolver.</summary>
    FromHeaderBinding,

    /// <summary>A <c>ConnectionInfo</c> or header-dictionary parameter turned into the HttpContext it came from.</summary>
    ParameterPromotion,
}
