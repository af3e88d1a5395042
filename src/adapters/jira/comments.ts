/**
 * Comment endpoints. Reads page through every comment because a sync compares the full list.
 */
import { z } from 'zod';
import type { JiraComment } from '../../core/remote/jira';
import type { JiraPort } from '../../ports/jira';
import { parseReply } from '../reply';
import { type JiraRequester, enc, jsonBody, nullIfNotFound } from './request';
import { commentPageSchema, commentSchema } from './schemas';

const PAGE_SIZE = 100;
/** Jira caps an issue at 5000 comments; the bound stops a misbehaving server from looping us forever. */
const MAX_PAGES = 60;

type CommentEndpoints = Pick<JiraPort, 'getComments' | 'getComment' | 'addComment' | 'updateComment' | 'deleteComment'>;

export const commentEndpoints = (r: JiraRequester): CommentEndpoints => ({
  async getComments(issueIdOrKey) {
    const comments: JiraComment[] = [];
    const schema = z.array(commentSchema(issueIdOrKey));
    for (let page = 0, startAt = 0; page < MAX_PAGES; page += 1) {
      const path = `/rest/api/3/issue/${enc(issueIdOrKey)}/comment?startAt=${startAt}&maxResults=${PAGE_SIZE}&orderBy=created`;
      const reply = await r.json('get comments', path, jsonBody('GET'), commentPageSchema);
      comments.push(...parseReply(schema, reply.comments, 'Jira get comments', 'jira:200'));
      startAt = reply.startAt + reply.comments.length;
      if (reply.comments.length === 0 || startAt >= reply.total) break;
    }
    return comments;
  },

  async getComment(issueIdOrKey, commentId) {
    const path = `/rest/api/3/issue/${enc(issueIdOrKey)}/comment/${enc(commentId)}`;
    return nullIfNotFound(r.json('get comment', path, jsonBody('GET'), commentSchema(issueIdOrKey)));
  },

  async addComment(issueIdOrKey, body, properties) {
    const payload = properties === undefined || properties.length === 0 ? { body } : { body, properties };
    const path = `/rest/api/3/issue/${enc(issueIdOrKey)}/comment`;
    return r.json('add comment', path, jsonBody('POST', payload), commentSchema(issueIdOrKey));
  },

  async updateComment(issueIdOrKey, commentId, body) {
    const path = `/rest/api/3/issue/${enc(issueIdOrKey)}/comment/${enc(commentId)}`;
    return r.json('update comment', path, jsonBody('PUT', { body }), commentSchema(issueIdOrKey));
  },

  async deleteComment(issueIdOrKey, commentId) {
    await r.send(
      'delete comment',
      `/rest/api/3/issue/${enc(issueIdOrKey)}/comment/${enc(commentId)}`,
      jsonBody('DELETE'),
    );
  },
});
