using System.Collections.Immutable;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>Locations, exemptions and diagnostic properties shared by the CIP0001-CIP0003 analyzers.</summary>
internal static class ReadReporting
{
    /// <summary>
    /// The syntax of an operation, widened for <c>?.</c>: an operation whose syntax starts with a member binding
    /// (<c>.Connection.RemoteIpAddress</c> in <c>ctx?.Connection.RemoteIpAddress</c>) is reported on the enclosing
    /// conditional access (<c>ctx?.Connection.RemoteIpAddress</c>), outermost when several are nested, so the span
    /// always starts at the receiver the reader sees.
    /// </summary>
    public static Location LocationOf(SyntaxNode syntax)
    {
        var leftmost = syntax;
        while (true)
        {
            var next = leftmost switch
            {
                MemberAccessExpressionSyntax m => m.Expression,
                ElementAccessExpressionSyntax e => e.Expression,
                InvocationExpressionSyntax i => i.Expression,
                _ => null,
            };
            if (next is null)
            {
                break;
            }

            leftmost = next;
        }

        if (leftmost is not (MemberBindingExpressionSyntax or ElementBindingExpressionSyntax))
        {
            return syntax.GetLocation();
        }

        SyntaxNode node = syntax;
        ConditionalAccessExpressionSyntax? enclosing = null;
        for (var parent = node.Parent; parent is ConditionalAccessExpressionSyntax or MemberAccessExpressionSyntax or
                 ElementAccessExpressionSyntax or InvocationExpressionSyntax; node = parent, parent = parent.Parent)
        {
            if (parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == node)
            {
                enclosing = access;
            }
        }

        return (enclosing ?? syntax).GetLocation();
    }

    /// <summary>The properties of a CIP0002/CIP0003 diagnostic: the header name, in the casing of the rule pages.</summary>
    public static ImmutableDictionary<string, string?> Properties(string headerName) =>
        NoProperties.Add(DiagnosticProperties.HeaderName, headerName);

    public static ImmutableDictionary<string, string?> NoProperties { get; } = ImmutableDictionary<string, string?>.Empty;

    /// <summary>Code of the ClientIp library itself (namespace <c>ClientIp</c> or <c>ClientIp.*</c>) is the resolver: never report in it.</summary>
    public static bool IsInClientIpLibrary(ISymbol? symbol) => ClientIpLibrary.IsInClientIpLibrary(symbol);

    public static bool IsClientIpLibrary(Compilation compilation) => ClientIpLibrary.IsClientIpLibrary(compilation);
}
