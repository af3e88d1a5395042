/**
 * Comment endpoints on REST v2: bodies are wiki markup, converted at this boundary. Reads page through every
 * comment because a sync compares the full list.
 */
import { z } from 'zod';
import type { JiraComment } from '../../core/remote/jira';
import type { JiraPort } from '../../ports/jira';
import { type JiraRequester, enc, jsonBody, nullIfNotFound } from '../jira/request';
import { commentPageSchema, commentSchema } from '../jira/schemas';
import { parseReply } from '../reply';
import { toDcComment } from './fields';
import { peopleLookup } from './people';
import { commentsToV3 } from './text';

const PAGE_SIZE = 100;
/** A stop against a server that never reaches `total`, far above any real issue's comment count. */
const MAX_PAGES = 60;

type CommentEndpoints = Pick<JiraPort, 'getComments' | 'getComment' | 'addComment' | 'updateComment' | 'deleteComment'>;

const commentsPath = (issue: string): string => `/rest/api/2/issue/${enc(issue)}/comment`;

export const dcCommentEndpoints = (r: JiraRequester): CommentEndpoints => {
  const one = async (what: string, issueIdOrKey: string, raw: unknown): Promise<JiraComment> => {
    const [v3] = await commentsToV3([raw], peopleLookup(r), what);
    return parseReply(commentSchema(issueIdOrKey), v3, `Jira ${what}`, 'jira:200');
  };
  return {
    async getComments(issueIdOrKey) {
      const comments: JiraComment[] = [];
      const schema = z.array(commentSchema(issueIdOrKey));
      const people = peopleLookup(r);
      for (let page = 0, startAt = 0; page < MAX_PAGES; page += 1) {
        const path = `${commentsPath(issueIdOrKey)}?startAt=${startAt}&maxResults=${PAGE_SIZE}&orderBy=created`;
        const reply = await r.json('get comments', path, jsonBody('GET'), commentPageSchema);
        const v3 = await commentsToV3(reply.comments, people, 'get comments');
        comments.push(...parseReply(schema, v3, 'Jira get comments', 'jira:200'));
        startAt = reply.startAt + reply.comments.length;
        if (reply.comments.length === 0 || startAt >= reply.total) break;
      }
      return comments;
    },

    async getComment(issueIdOrKey, commentId) {
      const path = `${commentsPath(issueIdOrKey)}/${enc(commentId)}`;
      const raw = await nullIfNotFound(r.json('get comment', path, jsonBody('GET'), z.unknown()));
      return raw === null ? null : one('get comment', issueIdOrKey, raw);
    },

    async addComment(issueIdOrKey, body, properties) {
      const payload = {
        body: await toDcComment(body, peopleLookup(r)),
        ...(properties?.length ? { properties } : {}),
      };
      const raw = await r.json('add comment', commentsPath(issueIdOrKey), jsonBody('POST', payload), z.unknown());
      return one('add comment', issueIdOrKey, raw);
    },

    async updateComment(issueIdOrKey, commentId, body) {
      const path = `${commentsPath(issueIdOrKey)}/${enc(commentId)}`;
      const payload = { body: await toDcComment(body, peopleLookup(r)) };
      return one(
        'update comment',
        issueIdOrKey,
        await r.json('update comment', path, jsonBody('PUT', payload), z.unknown()),
      );
    },

    async deleteComment(issueIdOrKey, commentId) {
      await r.send('delete comment', `${commentsPath(issueIdOrKey)}/${enc(commentId)}`, jsonBody('DELETE'));
    },
  };
};
