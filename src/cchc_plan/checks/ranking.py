"""The rank: within the ranked, consistent with last year's and with the peer table."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_plan.checks.context import Context
from cchc_plan.criteria import rank_of, same_points
from cchc_plan.diagnostics import Diagnostic, diagnostic
from cchc_plan.models import Plan


def check_rank(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """Rank lies in 1..ranked; the previous rank agrees with the stated change."""
    assessment = plan.assessment
    if assessment.rank > assessment.ranked:
        yield diagnostic(
            "CCHC205", ("assessment", "rank"), rank=assessment.rank, ranked=assessment.ranked
        )
    if assessment.previous_rank is not None and assessment.rank_change is not None:
        actual = assessment.previous_rank - assessment.rank
        if actual != assessment.rank_change:
            yield diagnostic(
                "CCHC206",
                ("assessment", "rank_change"),
                previous=assessment.previous_rank,
                rank=assessment.rank,
                actual=actual,
                change=assessment.rank_change,
            )
    for i, target in enumerate(assessment.targets):
        if target.rank is not None and target.rank > assessment.ranked:
            yield diagnostic(
                "CCHC205",
                ("assessment", "targets", i, "rank"),
                rank=target.rank,
                ranked=assessment.ranked,
            )


def check_peers(plan: Plan, context: Context) -> Iterator[Diagnostic]:
    """A published peer table lists everyone ranked and agrees with the score and rank."""
    assessment = plan.assessment
    peers = assessment.peers
    if not peers:
        return
    if len(peers) != assessment.ranked:
        yield diagnostic(
            "CCHC223", ("assessment", "peers"), count=len(peers), ranked=assessment.ranked
        )
    own = [i for i, peer in enumerate(peers) if peer.own]
    if len(own) != 1:
        yield diagnostic("CCHC225", ("assessment", "peers"), count=len(own))
        return
    score = peers[own[0]].score
    computed = rank_of(score, (peer.score for peer in peers))
    if not same_points(score, assessment.score) or computed != assessment.rank:
        yield diagnostic(
            "CCHC224",
            ("assessment", "peers", own[0]),
            score=score,
            computed=computed,
            expected_score=assessment.score,
            rank=assessment.rank,
        )
