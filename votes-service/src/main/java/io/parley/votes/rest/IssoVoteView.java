package io.parley.votes.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.parley.votes.service.IssoVoteService;

/** Isso's vote answer: {@code {"likes", "dislikes"}} plus {@code message} when the vote was refused. */
@JsonPropertyOrder({"likes", "dislikes", "message"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssoVoteView(long likes, long dislikes, String message) {

    static IssoVoteView of(IssoVoteService.Result result) {
        return new IssoVoteView(result.likes(), result.dislikes(), result.message());
    }
}
