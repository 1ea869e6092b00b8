using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace ClientIp.Analyzers.Reads;

/// <summary>
/// The "header, else the peer" idiom: <c>headers["X-Real-IP"].FirstOrDefault() ?? ctx.Connection.RemoteIpAddress?.ToString()</c>
/// and its ternary, <c>if (TryGetValue(...)) ... else ...</c> and early-return spellings. The mistake there is the
/// header read (CIP0002/CIP0003, reported on the read); the fallback to the peer is what the resolver does too, so
/// CIP0001 is not reported on it. One mistake, one diagnostic.
/// </summary>
internal static class HeaderFallback
{
    public static bool IsFallback(IOperation peerRead, WellKnownSymbols symbols, CancellationToken ct)
    {
        for (IOperation? child = peerRead, parent = peerRead.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            ct.ThrowIfCancellationRequested();
            if (OperationWalk.IsFunctionBoundary(child))
            {
                return false;
            }

            switch (parent)
            {
                case ICoalesceOperation coalesce when coalesce.WhenNull == child && ReadsHeader(coalesce.Value, symbols, ct):
                    return true;
                case IConditionalOperation conditional when conditional.Condition != child:
                    var other = conditional.WhenTrue == child ? conditional.WhenFalse : conditional.WhenTrue;
                    if (ReadsHeader(conditional.Condition, symbols, ct) || (other is not null && ReadsHeader(other, symbols, ct)))
                    {
                        return true;
                    }

                    break;
                case IBlockOperation block:
                    foreach (var statement in block.Operations)
                    {
                        if (statement == child)
                        {
                            break;
                        }

                        if (statement is IConditionalOperation { WhenTrue: IReturnOperation or IBlockOperation } guard && ReadsHeader(guard.Condition, symbols, ct))
                        {
                            return true;
                        }

                        // foreach (var name in names) { ... return the header ... } then the peer.
                        if (statement is ILoopOperation loop && ReturnsFrom(loop.Body) && ReadsHeader(loop.Body, symbols, ct))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    private static bool ReturnsFrom(IOperation body)
    {
        foreach (var descendant in body.Descendants())
        {
            if (descendant is IReturnOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the operation reads a client-IP header, directly, through a local initialised from one, or
    /// through a <c>[FromHeader]</c> parameter.</summary>
    public static bool ReadsHeader(IOperation scope, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var descendant in scope.DescendantsAndSelf())
        {
            switch (descendant)
            {
                case IPropertyReferenceOperation or IInvocationOperation when HeaderReadMatcher.Match(descendant, symbols, ct) is not null:
                    return true;
                case IParameterReferenceOperation parameter when FromHeader.HeaderOf(parameter.Parameter, symbols) is not null:
                    return true;
                case ILocalReferenceOperation local when InitialisedFromHeader(local, symbols, ct):
                    return true;
            }
        }

        return false;
    }

    private static bool InitialisedFromHeader(ILocalReferenceOperation reference, WellKnownSymbols symbols, CancellationToken ct)
    {
        foreach (var syntaxReference in reference.Local.DeclaringSyntaxReferences)
        {
            var syntax = syntaxReference.GetSyntax(ct);
            if (syntax.SyntaxTree != reference.Syntax.SyntaxTree || reference.SemanticModel is null)
            {
                continue;
            }

            // `var xff = headers[...]`, or `out var xff` inside TryGetValue(...): only the call the designation is an
            // argument of. A local declared without initializer has no source (climbing would reach e.g. app.MapGet(...)).
            SyntaxNode? source = syntax switch
            {
                VariableDeclaratorSyntax { Initializer.Value: { } value } => value,
                SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } } } => call,
                _ => null,
            };
            if (source is not null && reference.SemanticModel.GetOperation(source, ct) is { } operation)
            {
                foreach (var descendant in operation.DescendantsAndSelf())
                {
                    if (descendant is IPropertyReferenceOperation or IInvocationOperation && HeaderReadMatcher.Match(descendant, symbols, ct) is not null)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
