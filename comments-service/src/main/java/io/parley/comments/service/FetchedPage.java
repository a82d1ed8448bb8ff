package io.parley.comments.service;

import java.net.URI;

/**
 * What a page fetched for its title says about itself.
 *
 * @param url the address finally read (after same-origin redirects)
 * @param documentTitle the text of {@code <title>}, or null (Remark42 reads this)
 * @param issoId the URL-decoded {@code data-isso-id} of the Isso thread element, or null
 * @param issoTitle the title Isso derives: {@code data-title}, else the first {@code h1} met walking up from the
 *                  thread element; null when the page has no thread element or no such heading
 */
public record FetchedPage(URI url, String documentTitle, String issoId, String issoTitle) {
}
